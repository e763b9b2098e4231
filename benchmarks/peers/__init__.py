"""Other graders measured on the same exercises: nbgrader and otter-grader, one module each."""
