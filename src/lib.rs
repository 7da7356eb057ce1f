//! craftdesk
