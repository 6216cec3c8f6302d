"""The privacy UI: unlocking the key vault, editing it, and flagging identifiers as you type."""
