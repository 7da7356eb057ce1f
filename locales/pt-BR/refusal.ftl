# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = Este menu é de outra pessoa. Comece o seu com `/{ commands-request-name }`.
refusal-not-your-setup = Esta configuração é de outro admin, então nada mudou. Use `/{ commands-setup-name }` para abrir a sua.
# The brief's wording for an expired flow.
refusal-expired = A sessão expirou. Comece de novo.
refusal-already-handled = Isso já foi feito (um clique duplo?). Use a mensagem mais recente.
refusal-already-submitted = ✅ O pedido #{ $number } já foi enviado. Acompanhe-o com `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ O pedido #{ $number } já foi enviado. Ele está no quadro: <#{ $board }>. Acompanhe-o com `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = Esse menu está desatualizado, então nada mudou. { $instead }
refusal-instead-flow = Use os botões da mensagem mais recente.
refusal-instead-register = Use `/{ commands-register-name }` de novo.
refusal-instead-status = Use `/{ commands-status-name }` de novo.
refusal-instead-requests = Use `/{ commands-requests-name }` de novo.
refusal-instead-my-work = Abra Meu trabalho de novo.
refusal-instead-board = Use os botões do quadro.
refusal-instead-board-form = Aperte o botão de novo.
refusal-instead-reassign = Aperte Reatribuir de novo.
refusal-instead-setup = Use a mensagem de configuração mais recente ou use `/{ commands-setup-name }` de novo.
refusal-needs-member-role = Você precisa do cargo de membro para fazer pedidos. Peça a um oficial.
refusal-not-member = Você não é mais membro desse servidor, então não pode mais usar os pedidos dele.
refusal-other-guild = Esse botão é de outro servidor, então nada mudou. Use o quadro ou o painel deste servidor, ou use `/{ commands-requests-name }` aqui.
refusal-not-in-server = Use isto no servidor da sua guilda (não funciona em DMs).
refusal-not-set-up = Este servidor ainda não está configurado para o craftdesk. Um admin do servidor (alguém com a permissão Gerenciar servidor) precisa usar `/{ commands-setup-name }` primeiro; depois tente de novo.
refusal-limit-open-flows = Você já tem { $open } { $open ->
        [one] pedido
       *[other] pedidos
    } em andamento (o limite é { $max }). Termine ou cancele um primeiro.
refusal-limit-open-requests = Você já tem { $open } { $open ->
        [one] pedido aberto
       *[other] pedidos abertos
    } (o limite é { $max }). Espere alguns serem concluídos ou cancele um com `/{ commands-status-name }`.
refusal-limit-too-soon = Você acabou de enviar vários pedidos. Espere { $seconds } s e aperte Confirmar de novo.
refusal-limit-characters = Você pode registrar no máximo { $max } personagens. Remova um em Meus personagens (/{ commands-register-name }) e tente de novo.
refusal-slow-down = Você está clicando mais rápido do que consigo acompanhar. Espere alguns segundos e tente de novo.
refusal-discord-busy = O Discord está limitando o que posso enviar agora. Tente de novo em alguns minutos.
refusal-dms-closed = Não consigo te enviar DMs. Ative *Permitir mensagens diretas de membros do servidor* neste servidor (menu do servidor → Configurações de privacidade) e tente de novo.
refusal-spaces-full = Todos os canais de pedidos estão em uso agora. Tente mais tarde ou peça a um oficial para adicionar uma categoria extra.
refusal-space-busy = Seu canal de pedido ainda está sendo criado. Tente de novo em um instante.
refusal-no-request-category = Este servidor ainda não tem uma categoria de pedidos, então não consigo abrir seu canal de pedido. Peça a um admin do servidor para escolher uma com `/{ commands-setup-name }`.
refusal-not-found = Não há pedido #{ $number } neste servidor.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = Algo deu errado do meu lado. Nada mudou; tente de novo.
refusal-restarting = O craftdesk está reiniciando, tente de novo em um instante.
refusal-unknown-command = Não conheço mais esse comando. Tente `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` ou `/{ commands-requests-name }`.
refusal-unrecognised = Não reconheço esse botão (pode ser de uma mensagem antiga). Comece de novo com `/{ commands-request-name }`.
