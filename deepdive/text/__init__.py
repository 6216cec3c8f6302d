"""Text handling shared by the app's preview and the exports."""
