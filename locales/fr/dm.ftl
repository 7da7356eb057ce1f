# dm texts (fr).
