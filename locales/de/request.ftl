# request texts (de).
