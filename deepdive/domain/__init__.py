"""Domain rules with no Qt and no database: fuzzy dates, ages and the like."""
