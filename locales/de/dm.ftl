# dm texts (de).
