"""Read models rebuilt from the event log (status board, deadlines, statistics, timelines)."""
