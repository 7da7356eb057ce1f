# request texts (fr): the /request flow, its receipt, and what a member types in it.

## The flow's message
request-header = **Nouvelle demande** · étape { $number } sur { $steps } · { $question }
request-step-character = Pour qui est cette demande ?
request-step-profession = Quel métier ?
request-step-slot = Quel emplacement d'équipement ?
request-step-item = Quel objet ?
request-step-quantity = Combien, et des notes pour l'artisan ?
request-step-materials = Qui fournit les matériaux ?
request-step-confirm = Vérifie ta demande et confirme.
request-no-characters = Tu n'as encore aucun personnage enregistré. Enregistres-en un (il sera retenu pour la prochaine fois), ou tape un nom pour cette demande seulement.
request-page = Page { $page } sur { $pages } : utilise ◀ ▶ pour en voir plus.
request-amounts-hint = Indique combien tu apportes de chaque matériau (appuie sur chaque bouton ; laisse 0 pour rien).

## Buttons and menus (button labels at most 80 characters, placeholders 150)
request-button-quantity = Saisir quantité et notes
request-button-confirm = Confirmer
request-button-edit = Modifier
request-button-back = Retour
request-button-cancel = Annuler
request-button-register = Enregistrer un personnage
request-button-type-name = Taper un nom
request-button-another-name = Un autre nom
request-button-previous = ◀ Précédent
request-button-next = Suivant ▶
request-button-provide-all = 📦 Je fournis tout
request-button-provide-some = 🔶 J'en fournis une partie
request-button-provide-none = ❔ Je ne fournis rien
request-button-guild-craft = 🛡️ Commande de guilde
request-button-amounts = Matériaux { $from }–{ $to }
request-character-main = Principal
request-character-alt = Reroll
request-placeholder-character = Choisis un personnage
request-placeholder-profession = Choisis un métier
request-placeholder-slot = Choisis un emplacement d'équipement
request-placeholder-item = Choisis un objet
request-option-items = { $count ->
    [one] { $count } objet
   *[other] { $count } objets
}

## Forms (titles and labels at most 45 characters)
request-modal-character = Personnage pour cette demande
request-modal-register = Enregistrer un personnage
request-modal-quantity = Quantité et notes
request-modal-amounts = Matériaux que tu fournis
request-input-name = Nom du personnage
request-input-name-placeholder = p. ex. Thrallina
request-input-quantity = Quantité (1–{ $max })
request-input-quantity-placeholder = 1 à { $max }
request-input-notes = Notes
request-input-notes-placeholder = Ce que l'artisan doit savoir (facultatif)
request-input-amount = { $material } (besoin : { $needed })
request-input-amount-placeholder = 0 à { $needed }

## The summary card
request-card-title = Ta demande
request-field-character = Personnage
request-field-item = Objet
request-field-quantity = Quantité
request-field-notes = Notes
request-field-materials = Matériaux
request-field-provided-by = Fourni par
request-material-line = • { $material } — { $per_unit } × { $quantity } = **{ $needed }**
request-material-shares = (toi : { $member }, guilde : { $guild }, encore nécessaire : { $missing })

## Who provides the materials
request-plan-all = 📦 Tu fournis tous les matériaux
request-plan-some = 🔶 Tu fournis une partie des matériaux
request-plan-none = ❔ Tu ne fournis aucun matériau
request-plan-guild = 🛡️ Commande de guilde : la guilde fournit les matériaux

## The end of the flow
request-cancelled = Demande annulée. Rien n'a été envoyé. Utilise `/{ commands-request-name }` pour recommencer.
request-submitting = Envoi…
request-receipt = ✅ **Demande n° { $number } envoyée.** Suis-la avec `/{ commands-status-name }`.
request-receipt-on-board =
    ✅ **Demande n° { $number } envoyée.** Elle est sur le tableau : { $link }
    Suis-la avec `/{ commands-status-name }`.
request-receipt-title = Demande n° { $number }
request-receipt-guild-provides = La guilde fournit
request-receipt-everything = Tout ce qui est listé
request-receipt-providing = Tu fournis
request-receipt-still-needed = Encore nécessaire
request-receipt-nothing = Rien

## Opening the flow (the answer to /request)
request-opening-channel = J'ouvre ton salon de demande… Je mets le lien ici dans un instant.
request-opening-dm = Je t'envoie un message privé… ta demande continue là-bas dans un instant.
request-waiting-in = Ta demande t'attend dans <#{ $channel }>.
request-waiting-dm = Je t'ai envoyé un MP : ta demande continue là-bas.

## Refusals
request-refusal-unknown-item = Je ne connais pas cet objet. Choisis-en un parmi les suggestions, ou laisse `item` vide pour parcourir.
request-refusal-character-gone = Ce personnage n'est plus enregistré. Choisis-en un autre.
request-refusal-profession-gone = Ce métier n'est plus proposé. Choisis-en un autre.
request-refusal-slot-gone = Cet emplacement d'équipement n'est plus proposé. Choisis-en un autre.
request-refusal-item-gone = Cet objet n'est plus dans le catalogue. Choisis-en un autre.
request-refusal-character-taken = Tu as déjà un personnage nommé { $name }. Choisis-le dans le menu.
request-refusal-guild-craft = Les commandes de guilde sont réservées aux membres ayant le rôle principal de la guilde.
request-refusal-pick-one = Choisis exactement une option.

## What a member types (flow::input), checked
request-invalid-quantity-number = La quantité doit être un nombre entier de 1 à { $max }.
request-invalid-quantity-range = La quantité doit être comprise entre 1 et { $max }.
request-invalid-name-length = Un nom de personnage doit faire de { $min } à { $max } caractères.
request-invalid-name-chars = Un nom de personnage ne peut pas contenir `:` ni de caractères de contrôle.
request-invalid-notes-length = Les notes font au plus { $max } caractères (tu en as écrit { $count }). Raccourcis-les et réessaie.
request-invalid-amount = Pour { $material }, saisis un nombre entier de 0 à { $needed }.

## The member's request channel (its topic is in the guild's language)
request-channel-topic = Salon de demande privé de <@{ $user }>. Utilise /{ commands-request-name } pour lancer une demande.
