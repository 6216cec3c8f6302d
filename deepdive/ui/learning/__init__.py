"""The Learning view: themes and outcomes across every case, with charts drawn by Qt."""
