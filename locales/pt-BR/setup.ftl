# /setup: what a guild's admins read while setting craftdesk up (src/flow/setup,
# src/discord/setup.rs). The screens follow the admin's language; the log channel's post of
# a change follows the guild's.

## The pages

setup-title = Configuração do craftdesk · { $page } ({ $number }/{ $pages })
setup-page-channels = Canais
setup-page-roles = Registro e cargos
setup-page-crafters = Artesãos
setup-page-options = Notificações e limites
setup-help-channels = **Categoria de pedidos**: o canal privado de pedido de cada membro é criado ali (modo canal). **Extras**: usadas quando ela está cheia (50 canais). **Painel**: o botão Criar pedido é publicado e fixado ali; mudá-lo move o painel. **Quadro**: os pedidos abertos são publicados ali para os artesãos.
setup-help-roles = **Registro**: cada mudança de pedido e de configuração é publicada ali. **Oficiais** gerenciam todos os pedidos e o catálogo. Membros **principais** podem pedir materiais feitos pela guilda. **Cargo de registro**: quem pode fazer pedidos (nenhum: todos).
setup-help-crafters = Escolha uma profissão e depois o cargo dos artesãos dela: eles veem e assumem os pedidos dela a partir do próximo clique.
setup-help-options = Escolha o que os membros recebem por DM e defina os limites de pedidos.
setup-still-to-do = **Falta fazer:**
setup-problem-no-category = O modo canal precisa de uma categoria de pedidos.
setup-problem-no-panel = Sem canal de painel: os membros ainda podem usar `/{ commands-request-name }`.
setup-problem-no-board = Sem canal de quadro: os artesãos usam `/{ commands-requests-name }` para encontrar trabalho.
setup-applies-next-click = Cada mudança vale a partir do próximo clique e é publicada no canal de registro.
setup-file-managed = Este servidor é gerenciado pelo arquivo de configuração do bot (uma tabela `[[guild]]`): as configurações aparecem aqui só para leitura. Peça ao operador do bot para mudá-las lá.
setup-file-managed-title = Configurações do craftdesk (do arquivo)

## The current settings (the card's fields)

setup-field-mode = Modo
setup-field-categories = Categoria de pedidos · extras
setup-field-channels = Painel · quadro · registro
setup-field-roles = Cargos de oficial · principal · registro
setup-field-crafters = Cargos de artesão
setup-field-notifications = Notificações
setup-field-limits = Limites
setup-field-language = Idioma das mensagens compartilhadas

## Values

setup-none = nenhum
setup-on = ligado
setup-off = desligado
setup-mode-channel = canal (um canal privado por membro)
setup-mode-dm = DM (tudo acontece em mensagens diretas)
setup-limits-value = { $max_open } pedidos abertos por membro, { $burst } envios seguidos e depois { $per_minute } por minuto
setup-language-discord-short = Idioma do servidor no Discord
setup-language-discord = Idioma do servidor no Discord (agora: { $language })
setup-profession-role = cargo { $role }
setup-notify-claim = assumir
setup-notify-start = iniciar
setup-notify-complete = concluir
setup-notify-release = liberar
setup-notify-deny = recusar
setup-notify-cancel = cancelar
setup-notify-reassign = reatribuir

## Menus and buttons (placeholders at most 150 characters, labels at most 80)

setup-pick-category = Categoria de pedidos
setup-pick-overflow = Categorias extras (nenhuma para limpar)
setup-pick-panel = Canal do painel (nenhum para limpar)
setup-pick-board = Canal do quadro (nenhum para limpar)
setup-pick-log = Canal de registro (nenhum para limpar)
setup-pick-officers = Cargos de oficial (nenhum para limpar)
setup-pick-core = Cargos principais (nenhum para limpar)
setup-pick-register = Cargo de registro (nenhum: todos)
setup-pick-profession = Escolha uma profissão
setup-profession = Profissão: { $profession }
setup-pick-crafter = Cargo de artesão de { $profession } (nenhum para limpar)
setup-pick-language = Idioma das mensagens compartilhadas
setup-switch-to-dm = Mudar para o modo DM
setup-switch-to-channel = Mudar para o modo canal
setup-create = Crie para mim
setup-back = ◀ Voltar
setup-next = Próximo ▶
setup-done = Concluído
setup-notify-button = { $name }: { $state }
setup-limits-button = Limites…

## The limits form (title and labels at most 45 characters)

setup-limits-title = Limites
setup-limit-label = { $limit ->
    [max-open] Pedidos abertos por membro
    [burst] Envios seguidos
   *[per-minute] Envios por minuto
}

## What changed (the admin's notice, the log channel's post, the audit)

setup-setting-mode = Modo
setup-setting-request-category = Categoria de pedidos
setup-setting-overflow = Categorias extras
setup-setting-panel = Canal do painel
setup-setting-board = Canal do quadro
setup-setting-log = Canal de registro
setup-setting-officers = Cargos de oficial
setup-setting-core = Cargos principais
setup-setting-register = Cargo de registro
setup-setting-crafter = Cargo de artesão de { $profession }
setup-setting-notify = Aviso ao { $name }
setup-setting-limits = Limites
setup-setting-language = Idioma das mensagens compartilhadas
setup-unchanged = Nada mudou: essa já é a configuração.
setup-saved = ✅ Salvo. A partir do próximo clique:
setup-saved-line = • **{ $setting }**: { $before } → { $after }
setup-log-changed = ⚙️ <@{ $user }> mudou as configurações:
setup-log-line = • { $setting }: { $before } → { $after }
setup-closed = Configuração fechada. Use `/{ commands-setup-name }` quando quiser para ver ou mudar as configurações.

## Refusals

setup-needs-manage-server = Só membros com a permissão **Gerenciar servidor** podem mudar as configurações do craftdesk, então nada mudou. Peça a um admin do servidor para usar `/{ commands-setup-name }` ou te dar essa permissão.
setup-conflict = Outro admin mudou as configurações enquanto você olhava, então nada seu foi salvo. A configuração agora mostra as dele: faça sua mudança de novo se ainda quiser.
setup-refusal-unchanged = { $reason } Nada mudou.
setup-refusal-mode-needs-category = O modo canal cria o canal privado de cada membro na categoria de pedidos: escolha primeiro uma categoria de pedidos (ou aperte **Crie para mim**).
setup-refusal-category-is-overflow = Essa categoria já é uma categoria extra: escolha outra ou tire-a da lista de extras primeiro.
setup-refusal-overflow-is-category = A própria categoria de pedidos não pode ser uma categoria extra: escolha outras categorias.
setup-refusal-limit-zero = Cada limite precisa ser pelo menos 1.
setup-refusal-limit-not-number = { $limit ->
    [max-open] Pedidos abertos por membro
    [burst] Envios seguidos
   *[per-minute] Envios por minuto
} precisa ser um número inteiro; recebido { $value }.
setup-refusal-limit-range = { $limit ->
    [max-open] Pedidos abertos por membro
    [burst] Envios seguidos
   *[per-minute] Envios por minuto
} precisa estar entre { $min } e { $max }; recebido { $value }.
setup-refusal-unknown-profession = Essa profissão não está no catálogo, então nada mudou. Escolha uma do menu.
setup-refusal-unknown-language = O craftdesk não tem esse idioma, então nada mudou. Escolha um do menu.
setup-refusal-not-a-category = Isso não é uma categoria, então nada mudou. Escolha uma categoria (um grupo de canais): os canais de pedido são criados dentro dela.
setup-refusal-not-text = Isso não é um canal de texto, então nada mudou. Escolha um canal de texto.
setup-refusal-channel-gone = Esse canal não existe mais (apagado depois que o menu apareceu), então nada mudou. Escolha outro.
setup-refusal-role-gone = Esse cargo não existe mais (apagado depois que o menu apareceu), então nada mudou. Escolha outro.
setup-refusal-everyone = @everyone não pode ser escolhido aqui, então nada mudou: escolha um cargo dado aos membros.
setup-refusal-profession-first = Escolha uma profissão primeiro; nada mudou.
setup-refusal-grant = Ainda não consigo usar <#{ $channel }>, então nada mudou: dê ao craftdesk **{ $permissions }** ali (Editar canal → Permissões → adicione o cargo do craftdesk) e escolha-o de novo.
setup-permission = { $permission ->
    [view-channel] Ver canal
    [send-messages] Enviar mensagens
    [embed-links] Inserir links
    [read-message-history] Ver histórico de mensagens
    [manage-channels] Gerenciar canais
   *[manage-permissions] Gerenciar permissões
}
setup-refusal-grant-channels = Não consegui criar os canais porque me faltam permissões, então nada mudou. Dê ao cargo do craftdesk **Gerenciar canais** e **Gerenciar cargos** (Configurações do servidor → Cargos → craftdesk) e aperte **Crie para mim** de novo.
setup-refusal-create-failed = O Discord não me deixou criar os canais, então nada mudou. Tente de novo em um instante. { $error }

## The channels "Create them for me" makes (Discord channel names: lowercase, no spaces)

setup-channel-category = Pedidos
setup-channel-panel = pedidos
setup-channel-board = quadro-de-pedidos
setup-channel-log = registro-de-pedidos
