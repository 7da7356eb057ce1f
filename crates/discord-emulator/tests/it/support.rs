//! A small serenity bot used by the tests, and helpers to start it against an emulator.

use std::time::Duration;

use discord_emulator::{Emulator, EmulatorOptions};
use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ChannelId, Client, ClientBuilder, Command,
    CommandInteraction, CommandOptionType, ComponentInteraction, ComponentInteractionDataKind,
    Context, CreateActionRow, CreateAutocompleteResponse, CreateButton, CreateCommand,
    CreateCommandOption, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateModal, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, EditInteractionResponse, EventHandler, GatewayIntents, GuildChannel,
    GuildMemberUpdateEvent, HttpBuilder, InputTextStyle, Interaction, Member, Message,
    ModalInteraction, Ready,
};
use tokio::sync::mpsc;

/// What the bot saw, reported to the test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    Ready,
    Interaction(&'static str),
    MemberUpdate { user: u64, roles: Vec<u64> },
    ChannelDelete(u64),
    ChannelCreate(String),
    AnswerError(String),
}

pub struct Bot {
    pub seen: mpsc::UnboundedSender<Seen>,
    /// How long `/slow` waits before answering.
    pub slow: Duration,
}

pub const TOKEN: &str = "test-token";

pub async fn emulator(opts: EmulatorOptions) -> Emulator {
    Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..opts
    })
    .await
    .unwrap()
}

/// Starts the bot; returns the channel of what it saw. The client runs until the test ends.
pub async fn start_bot(emu: &Emulator, slow: Duration) -> mpsc::UnboundedReceiver<Seen> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let http = HttpBuilder::new(TOKEN)
        .proxy(emu.api_base())
        .ratelimiter_disabled(true)
        .build();
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS;
    let mut client: Client = ClientBuilder::new_with_http(http, intents)
        .event_handler(Bot { seen: tx, slow })
        .await
        .unwrap();
    tokio::spawn(async move {
        let _ = client.start().await;
    });
    // `ready` reports after registering the commands, so a command sent while the bot was
    // starting may be handled (on serenity's task for that event) before it reports.
    let ready = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match rx.recv().await {
                Some(Seen::Ready) | None => break rx.is_closed(),
                Some(_) => {}
            }
        }
    })
    .await
    .unwrap();
    assert!(!ready, "the bot stopped before it was ready");
    rx
}

/// The next event the bot saw that `pred` accepts.
pub async fn next_seen(
    rx: &mut mpsc::UnboundedReceiver<Seen>,
    pred: impl Fn(&Seen) -> bool,
) -> Seen {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let s = rx.recv().await.unwrap();
            if pred(&s) {
                return s;
            }
        }
    })
    .await
    .expect("the bot did not see the expected event")
}

fn commands() -> Vec<CreateCommand> {
    vec![
        CreateCommand::new("request")
            .description("Start a request")
            .add_option(
                CreateCommandOption::new(CommandOptionType::String, "item", "What to craft")
                    .required(true)
                    .set_autocomplete(true),
            ),
        CreateCommand::new("defer").description("Answers after a defer"),
        CreateCommand::new("slow").description("Answers late"),
        CreateCommand::new("twice").description("Answers twice"),
        CreateCommand::new("followup").description("Answers, then follows up"),
        CreateCommand::new("whois")
            .description("Names a user")
            .add_option(
                CreateCommandOption::new(CommandOptionType::User, "who", "Whom").required(true),
            ),
        CreateCommand::new("admin")
            .description("Officers only")
            .default_member_permissions(serenity::all::Permissions::MANAGE_GUILD),
    ]
}

fn first_screen() -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content("Pick a profession")
        .ephemeral(true)
        .components(vec![
            CreateActionRow::SelectMenu(
                CreateSelectMenu::new(
                    "prof",
                    CreateSelectMenuKind::String {
                        options: vec![
                            CreateSelectMenuOption::new("Enchanting", "enchanting"),
                            CreateSelectMenuOption::new("Alchemy", "alchemy"),
                        ],
                    },
                )
                .placeholder("Profession"),
            ),
            CreateActionRow::Buttons(vec![
                CreateButton::new("confirm").label("Confirm"),
                CreateButton::new("cancel").label("Cancel"),
            ]),
        ])
}

impl Bot {
    async fn command(&self, ctx: &Context, c: &CommandInteraction) {
        self.report(Seen::Interaction("command"));
        match c.data.name.as_str() {
            "request" => {
                let item = c
                    .data
                    .options
                    .first()
                    .and_then(|o| o.value.as_str())
                    .unwrap_or_default()
                    .to_owned();
                let msg = first_screen().content(format!("Request for {item}: pick a profession"));
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            "defer" => {
                self.answer(c.defer(&ctx.http).await);
                self.answer(
                    c.edit_response(
                        &ctx.http,
                        EditInteractionResponse::new().content("done after defer"),
                    )
                    .await
                    .map(|_| ()),
                );
            }
            "slow" => {
                tokio::time::sleep(self.slow).await;
                let msg = CreateInteractionResponseMessage::new().content("late");
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            "whois" => {
                let name = c
                    .data
                    .options()
                    .into_iter()
                    .find_map(|o| match o.value {
                        serenity::all::ResolvedValue::User(user, member) => {
                            Some(format!("{} (member: {})", user.name, member.is_some()))
                        }
                        _ => None,
                    })
                    .unwrap_or_else(|| "unresolved".into());
                let msg = CreateInteractionResponseMessage::new().content(name);
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            "followup" => {
                let msg = CreateInteractionResponseMessage::new().content("first");
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
                let followup = serenity::all::CreateInteractionResponseFollowup::new()
                    .content("second")
                    .ephemeral(true);
                self.answer(c.create_followup(&ctx.http, followup).await.map(|_| ()));
            }
            "twice" => {
                let msg = CreateInteractionResponseMessage::new().content("once");
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg.clone()))
                        .await,
                );
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
            _ => {
                let msg = CreateInteractionResponseMessage::new().content("ok");
                self.answer(
                    c.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                        .await,
                );
            }
        }
    }

    async fn component(&self, ctx: &Context, c: &ComponentInteraction) {
        self.report(Seen::Interaction("component"));
        let response = match (&c.data.kind, c.data.custom_id.as_str()) {
            (ComponentInteractionDataKind::StringSelect { values }, "prof") => {
                CreateInteractionResponse::UpdateMessage(
                    CreateInteractionResponseMessage::new()
                        .content(format!("Profession: {}", values.join(",")))
                        .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
                            "qty",
                        )
                        .label("Set quantity")])]),
                )
            }
            (_, "qty") => CreateInteractionResponse::Modal(
                CreateModal::new("qty-modal", "Quantity").components(vec![
                    CreateActionRow::InputText(CreateInputText::new(
                        InputTextStyle::Short,
                        "How many",
                        "qty",
                    )),
                ]),
            ),
            (_, "confirm") => CreateInteractionResponse::UpdateMessage(
                CreateInteractionResponseMessage::new()
                    .content("Submitted")
                    .components(vec![]),
            ),
            _ => CreateInteractionResponse::Acknowledge,
        };
        self.answer(c.create_response(&ctx.http, response).await);
        if c.data.custom_id == "cancel" {
            let edit = EditInteractionResponse::new()
                .content("Cancelled")
                .components(vec![]);
            self.answer(c.edit_response(&ctx.http, edit).await.map(|_| ()));
        }
    }

    async fn modal(&self, ctx: &Context, m: &ModalInteraction) {
        self.report(Seen::Interaction("modal"));
        let qty = m
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            .find_map(|c| match c {
                ActionRowComponent::InputText(t) if t.custom_id == "qty" => t.value.clone(),
                _ => None,
            })
            .unwrap_or_default();
        let msg = CreateInteractionResponseMessage::new()
            .content(format!("Quantity {qty}"))
            .ephemeral(true);
        self.answer(
            m.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                .await,
        );
    }

    fn report(&self, seen: Seen) {
        let _ = self.seen.send(seen);
    }

    fn answer(&self, r: serenity::Result<()>) {
        if let Err(e) = r {
            self.report(Seen::AnswerError(e.to_string()));
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        for g in &ready.guilds {
            g.id.set_commands(&ctx.http, commands()).await.unwrap();
        }
        Command::set_global_commands(
            &ctx.http,
            vec![CreateCommand::new("ping").description("Ping")],
        )
        .await
        .unwrap();
        self.report(Seen::Ready);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(c) => self.command(&ctx, &c).await,
            Interaction::Component(c) => self.component(&ctx, &c).await,
            Interaction::Modal(m) => self.modal(&ctx, &m).await,
            Interaction::Autocomplete(a) => {
                self.report(Seen::Interaction("autocomplete"));
                let typed = a
                    .data
                    .autocomplete()
                    .map(|o| o.value.to_owned())
                    .unwrap_or_default();
                let choices = ["green tea", "grey cloak", "gold ring"]
                    .into_iter()
                    .filter(|c| c.starts_with(&typed))
                    .map(|c| AutocompleteChoice::new(c, c))
                    .collect();
                let r = CreateInteractionResponse::Autocomplete(
                    CreateAutocompleteResponse::new().set_choices(choices),
                );
                self.answer(a.create_response(&ctx.http, r).await);
            }
            _ => {}
        }
    }

    async fn guild_member_update(
        &self,
        _ctx: Context,
        _old: Option<Member>,
        _new: Option<Member>,
        event: GuildMemberUpdateEvent,
    ) {
        self.report(Seen::MemberUpdate {
            user: event.user.id.get(),
            roles: event.roles.iter().map(|r| r.get()).collect(),
        });
    }

    async fn channel_create(&self, _ctx: Context, channel: GuildChannel) {
        self.report(Seen::ChannelCreate(channel.name));
    }

    async fn channel_delete(
        &self,
        _ctx: Context,
        channel: GuildChannel,
        _messages: Option<Vec<Message>>,
    ) {
        self.report(Seen::ChannelDelete(channel.id.get()));
    }
}

#[allow(dead_code)]
pub fn channel(id: u64) -> ChannelId {
    ChannelId::new(id)
}
