"""The sandbox: what runs a submission, and the only code that touches it."""
