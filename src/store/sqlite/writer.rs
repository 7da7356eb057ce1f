//! The writer: one SQLite connection on its own thread, fed by a channel.
//!
//! It takes whatever jobs are queued (up to [`MAX_BATCH`]), runs each in a savepoint of
//! one transaction, commits once, and only then answers each caller. A job that fails is
//! rolled back to its savepoint without disturbing the others. One writer and group
//! commit beat several writer connections on SQLite: they only add lock contention.

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use crate::store::StoreError;

/// The most jobs committed in one transaction.
const MAX_BATCH: usize = 512;
/// Jobs that may wait in the queue before callers are made to wait (backpressure).
const QUEUE_DEPTH: usize = 8_192;

/// What a job leaves behind: whether it failed, and how to answer its caller once the
/// transaction's fate is known.
struct Done {
    failed: bool,
    answer: Answer,
}

/// Tells the caller the outcome, given the commit's error if it failed.
type Answer = Box<dyn FnOnce(Option<&rusqlite::Error>) + Send>;

/// One unit of work for the writer.
trait WriteJob: Send {
    /// Runs the work inside the current transaction.
    fn run(self: Box<Self>, conn: &Connection) -> Done;
    /// Answers the caller without running (the transaction could not start).
    fn abandon(self: Box<Self>, err: &rusqlite::Error);
}

struct Work<F, T> {
    work: F,
    reply: oneshot::Sender<Result<T, StoreError>>,
}

impl<F, T> WriteJob for Work<F, T>
where
    T: Send + 'static,
    F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &Connection) -> Done {
        let Self { work, reply } = *self;
        let result = work(conn);
        Done {
            failed: result.is_err(),
            answer: Box::new(move |commit_error| {
                let outcome = match commit_error {
                    None => result,
                    Some(err) => Err(StoreError::Commit(err.to_string())),
                };
                let _ = reply.send(outcome);
            }),
        }
    }

    fn abandon(self: Box<Self>, err: &rusqlite::Error) {
        let _ = self.reply.send(Err(StoreError::Commit(err.to_string())));
    }
}

type Job = Box<dyn WriteJob>;

#[derive(Clone)]
pub(super) struct WriterHandle {
    jobs: mpsc::Sender<Job>,
}

pub(super) fn spawn(conn: Connection) -> WriterHandle {
    let (jobs, queue) = mpsc::channel(QUEUE_DEPTH);
    let started = std::thread::Builder::new()
        .name("craftdesk-writer".to_owned())
        .spawn(move || run(&conn, queue));
    if let Err(err) = started {
        // Every write then answers `Closed`; the operator sees why here.
        tracing::error!(%err, "cannot start the database writer thread");
    }
    WriterHandle { jobs }
}

impl WriterHandle {
    pub(super) async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Box::new(Work { work, reply }))
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

/// The thread's loop: ends when every handle is dropped.
fn run(conn: &Connection, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = queue.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        commit_batch(conn, &mut batch);
    }
    tracing::debug!("database writer stopped");
}

fn commit_batch(conn: &Connection, batch: &mut Vec<Job>) {
    if let Err(err) = conn.execute_batch("BEGIN IMMEDIATE") {
        tracing::error!(%err, jobs = batch.len(), "cannot begin a write transaction");
        batch.drain(..).for_each(|job| job.abandon(&err));
        return;
    }
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch.drain(..) {
        let savepoint = conn.execute_batch("SAVEPOINT job");
        let done = job.run(conn);
        let released = if done.failed {
            conn.execute_batch("ROLLBACK TO job; RELEASE job")
        } else {
            conn.execute_batch("RELEASE job")
        };
        if let Err(err) = savepoint.and(released) {
            tracing::error!(%err, "savepoint handling failed");
        }
        answers.push(done.answer);
    }
    match conn.execute_batch("COMMIT") {
        Ok(()) => {
            for answer in answers {
                answer(None);
            }
        }
        Err(err) => {
            tracing::error!(%err, jobs = answers.len(), "commit failed; rolling back");
            let _ = conn.execute_batch("ROLLBACK");
            for answer in answers {
                answer(Some(&err));
            }
        }
    }
}
