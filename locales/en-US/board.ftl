# board texts (en-US).
