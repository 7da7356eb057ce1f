# dm texts (ru).
