# status texts (en-US).
