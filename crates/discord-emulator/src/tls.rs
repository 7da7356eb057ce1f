//! HTTPS on the emulator's port, so a bot can keep serenity's rate limiter on (the path it
//! runs in production): serenity's limiter always calls `https://discord.com` (it ignores a
//! proxy, serenity issue #1739), so the bot's HTTP client resolves `discord.com` to the
//! emulator and trusts [`TestCertificate::ca_pem`]. Each emulator makes its own CA and a
//! certificate for `discord.com` signed by it at start; nothing is stored.
//!
//! One port serves both: a connection whose first byte opens a TLS handshake gets TLS, any
//! other plain HTTP (and the gateway's `ws://`, whose URL `GET /gateway` hands out). Over
//! TLS, a client offering HTTP/2 (ALPN `h2`) gets it, as from Discord. A call is served to the
//! end even when its client goes away mid-call (see `rest::observe`): an HTTP/2 connection
//! that closes would otherwise cancel every call in flight on it.
//!
//! Each connection is counted while it is served, and each call from the moment its
//! connection hands it over (`Emulator::connections_closed`): with HTTP/2, a call a killed
//! client sent just before it died can be read, and its stream spawned, after every call
//! already started has been served.

use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper::service::Service as _;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

use crate::emulator::Shared;
use crate::rest::InFlight;

/// The names the emulator's certificate is valid for.
const NAMES: [&str; 5] = [
    "discord.com",
    "localhost",
    "127.0.0.1",
    crate::attachments::CDN_HOST,
    crate::attachments::MEDIA_HOST,
];

/// The first byte of a TLS record carrying a handshake (a `ClientHello`).
const TLS_HANDSHAKE: u8 = 0x16;

/// A fresh test CA and the emulator's certificate, signed by it.
#[derive(Clone)]
pub(crate) struct TestCertificate {
    /// The CA's certificate, PEM: what a client must trust to talk to this emulator.
    pub ca_pem: String,
    pub acceptor: TlsAcceptor,
}

impl std::fmt::Debug for TestCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCertificate").finish_non_exhaustive()
    }
}

impl TestCertificate {
    pub(crate) fn generate() -> Result<Self, String> {
        let fail = |what: &str, err: &dyn std::fmt::Display| format!("{what}: {err}");
        let ca_key = rcgen::KeyPair::generate().map_err(|e| fail("CA key", &e))?;
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new())
            .map_err(|e| fail("CA parameters", &e))?;
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "discord-emulator test CA");
        ca_params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ];
        let ca = ca_params
            .self_signed(&ca_key)
            .map_err(|e| fail("CA certificate", &e))?;
        let issuer = rcgen::Issuer::new(ca_params, ca_key);

        let key = rcgen::KeyPair::generate().map_err(|e| fail("server key", &e))?;
        let mut params = rcgen::CertificateParams::new(NAMES.map(str::to_owned).to_vec())
            .map_err(|e| fail("server parameters", &e))?;
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "discord.com");
        params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        let cert = params
            .signed_by(&key, &issuer)
            .map_err(|e| fail("server certificate", &e))?;

        let key_der = rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| fail("TLS versions", &e))?
            .with_no_client_auth()
            .with_single_cert(vec![cert.der().clone(), ca.der().clone()], key_der)
            .map_err(|e| fail("TLS configuration", &e))?;
        // HTTP/2 as Discord offers it: a client that speaks it sends a burst of calls over
        // one connection instead of opening (and handshaking) one per call in flight.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self {
            ca_pem: ca.pem(),
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }
}

/// Accepts connections on `listener` until the task is aborted, each served on its own task:
/// TLS when it opens with a handshake, plain HTTP otherwise. WebSocket upgrades work on both.
pub(crate) async fn serve(listener: TcpListener, app: Router, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, or the like: as axum::serve, wait a little rather
            // than spin.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let acceptor = shared.tls.acceptor.clone();
        let open = Open::enter(&shared);
        let shared = shared.clone();
        tokio::spawn(async move {
            if opens_with_tls(&stream).await {
                if let Ok(stream) = acceptor.accept(stream).await {
                    if stream.get_ref().1.alpn_protocol() == Some(b"h2") {
                        serve_http2(TokioIo::new(stream), app, shared).await;
                    } else {
                        serve_connection(TokioIo::new(stream), app, shared).await;
                    }
                }
            } else {
                serve_connection(TokioIo::new(stream), app, shared).await;
            }
            drop(open);
        });
    }
}

/// Counts a connection in `Shared::connections_open` while it is served (until hyper is done
/// with it: closed, or upgraded to a WebSocket).
struct Open(Arc<Shared>);

impl Open {
    fn enter(shared: &Arc<Shared>) -> Self {
        shared.connections_open.send_modify(|n| *n += 1);
        shared
            .connections_accepted
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self(shared.clone())
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0
            .connections_open
            .send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// The app as hyper calls it: each call counts as in flight from the moment the connection
/// hands it over (hyper calls the service as it reads a request's head, and with HTTP/2
/// spawns the returned future as a task of its own, which may not run before the
/// connection is gone) until its future ends.
fn counted(
    app: Router,
    shared: Arc<Shared>,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future: Send,
> + Clone {
    let app = TowerToHyperService::new(app);
    hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let call = InFlight::enter(&shared);
        let served = app.call(req);
        async move {
            let response = served.await;
            drop(call);
            response
        }
    })
}

async fn opens_with_tls(stream: &TcpStream) -> bool {
    let mut first = [0u8; 1];
    matches!(stream.peek(&mut first).await, Ok(1)) && first[0] == TLS_HANDSHAKE
}

async fn serve_connection<I>(io: TokioIo<I>, app: Router, shared: Arc<Shared>)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = counted(app, shared);
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(io, service)
        .with_upgrades()
        .await;
}

/// One HTTP/2 connection (negotiated by ALPN): every stream is a call, served concurrently.
/// WebSocket upgrades stay on HTTP/1.1, which is all a gateway client offers.
async fn serve_http2<I>(io: TokioIo<I>, app: Router, shared: Arc<Shared>)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = counted(app, shared);
    let _ = hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
        .serve_connection(io, service)
        .await;
}
