# queue texts (en-US).
