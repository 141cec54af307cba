"""Demo and volume data for quizzes: the scenario quizzes and attempts at them."""
