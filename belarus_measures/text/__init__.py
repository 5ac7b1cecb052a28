"""Text helpers shared by every layer: dates, values, names, numbers and error messages."""
