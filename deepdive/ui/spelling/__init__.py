"""UK English spelling: words underlined as they are typed, suggestions on right-click.

:mod:`.checker` knows which words are misspelt (Hunspell's en_GB through Enchant,
looked up off the keystroke path); :mod:`.highlight` underlines them in multi-line
editors and :mod:`.line_edits` in one-line fields; :mod:`.fixes` offers the
suggestions in the same right-click menu as the privacy quick fixes.
"""
