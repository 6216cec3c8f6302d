"""The case and its cast: the case list, the overview, the cast, and the Case menu."""
