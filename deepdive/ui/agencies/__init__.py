"""Edit ▸ Manage agencies…: the workspace's agency list, each change an undo step."""
