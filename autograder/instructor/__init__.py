"""What only an instructor runs: class grading, sync-class, release, export, audit, stubs, mutants."""
