# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Crafting requests
panel-description =
    Ask the guild's crafters for an item: press **Create request** and follow the steps in your private space.
    {"**"}My requests** shows what you asked for, **My characters** who you ask for, and crafters find their work under **Manage requests**.
# Buttons (at most 80 characters).
panel-button-create = Create request
panel-button-mine = My requests
panel-button-manage = Manage requests
panel-button-characters = My characters
