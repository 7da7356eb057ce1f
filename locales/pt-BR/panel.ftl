# The panel: pinned in the panel channel (the guild's language) and sent as the DM home
# message (the member's language).
panel-title = Pedidos de fabricação
panel-description =
    Peça um item aos artesãos da guilda: aperte **Criar pedido** e siga os passos no seu espaço privado.
    {"**"}Meus pedidos** mostra o que você pediu, **Meus personagens** para quem você pede, e os artesãos encontram o trabalho deles em **Gerenciar pedidos**.
# Buttons (at most 80 characters).
panel-button-create = Criar pedido
panel-button-mine = Meus pedidos
panel-button-manage = Gerenciar pedidos
panel-button-characters = Meus personagens
