"""Two people editing the same thing: both versions side by side, and nothing lost.

A save refused because a colleague saved the same event, overview, response, cast
member, action, outcome or story first (``ChangedElsewhereError``) comes here:
:mod:`.merging` works out, field by field, who changed what since it was read
(:mod:`.resolving` does all of it for any row's fields); :mod:`.dialog` shows theirs
beside what was typed and lets the user keep theirs, keep theirs and then type, or
merge by editing; and :mod:`.set_aside` keeps every typed version that is not saved
(a file of the user's own and the clipboard), so nothing typed is ever lost.
"""
