-- The flow (session key) each request was submitted from. A member whose confirmation
-- was lost (a crash between the commit and the answer) is told their request went in
-- when they click again, instead of "expired": so it is not submitted twice. Unique, so
-- one flow can never make two requests. NULL for imported and older requests.
ALTER TABLE requests ADD COLUMN session_key TEXT;
CREATE UNIQUE INDEX requests_by_session ON requests (session_key) WHERE session_key IS NOT NULL;
