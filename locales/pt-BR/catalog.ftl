# /catalog: officers upload, download and reset a profession's catalog (src/flow/catalog.rs,
# src/discord/catalog.rs). Answers follow the officer's language; the log channel's post
# follows the guild's. What quotes the admin's file (names, the loader's problems) is data.

catalog-refusal-not-allowed = Só oficiais (o cargo de oficial escolhido com `/{ commands-setup-name }`) ou membros com a permissão **Gerenciar servidor** podem mudar o catálogo, então nada mudou. `/{ commands-catalog-name } { commands-catalog-download-name }` mostra o atual para qualquer um.
catalog-refusal-file-managed = O catálogo deste servidor é o arquivo do operador (a tabela `[[guild]]` dele no config.toml), então não pode ser mudado pelo Discord e nada mudou. Peça ao operador do bot para editar os arquivos do catálogo; `/{ commands-catalog-name } { commands-catalog-download-name }` mostra o atual.
catalog-refusal-bad-profession = { $name } não é um nome de profissão: use letras minúsculas, dígitos, `-` ou `_` (no máximo 32), ex.: `enchanting`. Nada mudou.
catalog-refusal-too-big = `{ $file }` tem { $size } KiB; um arquivo de catálogo pode ter no máximo { $max } KiB. Nada mudou.
catalog-refusal-empty = Esse arquivo está vazio. Anexe o JSON do catálogo da profissão. Nada mudou.
catalog-refusal-not-json = `{ $file }` é { $kind }, não um arquivo JSON. Anexe o JSON do catálogo da profissão (ex.: `enchanting.json`). Nada mudou.
catalog-refusal-larger = Esse arquivo tem mais de { $max } KiB, o máximo para um arquivo de catálogo. Nada mudou.
catalog-refusal-not-utf8 = Esse arquivo não é texto UTF-8. Salve o catálogo como JSON em UTF-8 e envie de novo. Nada mudou.
catalog-refusal-no-file = Anexe o arquivo JSON do catálogo da profissão (a opção `file`). Nada mudou.
catalog-refusal-download-failed = Não consegui baixar esse arquivo do Discord. Nada mudou; envie-o de novo.
catalog-refusal-never-uploaded = O catálogo **{ $profession }** nunca foi enviado aqui: ele já é o embutido, então nada mudou.
catalog-refusal-unknown = Não há catálogo **{ $profession }** aqui. As profissões são: { $professions }.

catalog-problems-head = { $count ->
    [one] ❌ O catálogo não foi alterado: o arquivo tem { $count } problema.
   *[other] ❌ O catálogo não foi alterado: o arquivo tem { $count } problemas.
}
catalog-problems-more = …e mais { $count }.
catalog-problems-foot = Corrija-os e envie o arquivo de novo (`/{ commands-catalog-name } { commands-catalog-download-name }` dá o atual como ponto de partida).

catalog-served-uploaded-items = { $count ->
    [one] enviado ({ $count } item)
   *[other] enviado ({ $count } itens)
}
catalog-served-uploaded = enviado
catalog-served-built-in = embutido
catalog-served-none = nenhum

catalog-uploaded = ✅ O catálogo **{ $profession }** agora tem { $items } { $items ->
        [one] item
       *[other] itens
    } ({ $before } → { $after }). O `/{ commands-request-name }` os oferece a partir de agora; `/{ commands-catalog-name } { commands-catalog-reset-name } { commands-catalog-profession-name }:{ $profession }` volta ao embutido.
catalog-reset = ✅ O catálogo **{ $profession }** foi redefinido ({ $before } → { $after }). { $served }
catalog-reset-gone = Não há catálogo **{ $profession }** embutido, então a profissão sumiu do `/{ commands-request-name }`.
catalog-reset-built-in = O `/{ commands-request-name }` oferece os itens embutidos a partir de agora.
catalog-download = O catálogo **{ $profession }** atual ({ $source ->
        [uploaded] enviado
        [file] o arquivo do operador
       *[built-in] embutido
    }). Edite-o e envie de novo com `/{ commands-catalog-name } { commands-catalog-upload-name }`.
catalog-log-changed = 📚 <@{ $user }> mudou o catálogo **{ $profession }**: { $before } → { $after }.
