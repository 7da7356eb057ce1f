# register texts (de).
