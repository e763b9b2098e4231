"""Test suites: ``public/`` ships to students, ``hidden/`` never does; helpers shared by both."""
