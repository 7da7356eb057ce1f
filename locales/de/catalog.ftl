# catalog texts (de).
