# status texts (de).
