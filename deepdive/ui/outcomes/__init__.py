"""The Outcomes tab: each case's outcome measurements and its edge-of-care result."""
