//! A local stand-in for Discord's v10 REST API and gateway (filled in by the emulator issue).
