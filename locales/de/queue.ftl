# queue texts (de).
