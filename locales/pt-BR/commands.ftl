# The slash commands, their options and choices (src/discord/commands.rs): Discord shows each
# member the ones of their client's language. Names: lowercase, 1–32 letters, digits, `-`
# or `_`, no spaces, unique among their siblings; descriptions 1–100 characters. English
# names are the commands' own (what interactions carry): keep them as they are.

commands-request-name = pedido
commands-request-description = Peça um item aos artesãos da guilda
commands-request-item-name = item
commands-request-item-description = Ir direto para um item (digite para buscar)
commands-status-name = status
commands-status-description = Veja e cancele seus pedidos
commands-register-name = personagens
commands-register-description = Adicione, edite ou remova seus personagens
commands-requests-name = pedidos
commands-requests-description = Artesãos e oficiais: pedidos abertos, assumidos, seu trabalho e a lista de compras
commands-catalog-name = catálogo
commands-catalog-description = Oficiais: envie, baixe ou redefina o catálogo de uma profissão
commands-catalog-upload-name = enviar
commands-catalog-upload-description = Substituir o catálogo de uma profissão por um arquivo JSON
commands-catalog-upload-file-name = arquivo
commands-catalog-upload-file-description = O JSON do catálogo da profissão (no máximo 256 KiB)
commands-catalog-download-name = baixar
commands-catalog-download-description = Obter o catálogo atual de uma profissão como arquivo JSON
commands-catalog-reset-name = redefinir
commands-catalog-reset-description = Voltar a usar o catálogo embutido de uma profissão
commands-catalog-profession-name = profissão
commands-catalog-profession-description = A profissão, ex.: enchanting (digite para buscar)
commands-setup-name = configurar
commands-setup-description = Admins: configurar o craftdesk neste servidor (canais, cargos, limites)
