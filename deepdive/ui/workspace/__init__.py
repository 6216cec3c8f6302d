"""The workspace and its safety net: opening, the recent list, backups, restore,
case bundles and recovery of a damaged file."""
