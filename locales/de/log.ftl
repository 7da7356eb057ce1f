# log texts (de).
