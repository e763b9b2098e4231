"""Benchmarks of the grader against its floor, its peers and a whole class (see run.py)."""
