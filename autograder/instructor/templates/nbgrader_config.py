"""nbgrader settings for the Deep Learning Fundamentals notebooks (made by `autograder export nbgrader`)."""
c = get_config()  # noqa: F821 - nbgrader provides get_config

c.CourseDirectory.course_id = "dl-fundamentals"
# Training the digits network takes longer than nbgrader's default of 30 s per cell.
c.Execute.timeout = 300
