# dm texts (en-US).
