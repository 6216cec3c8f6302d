"""File ▸ Teams…: the teams of a team workspace, seen and changed in the app."""
