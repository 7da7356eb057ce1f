# queue texts (fr).
