# Refusals: what a member is told when craftdesk does not do what they asked
# (src/flow/refusal.rs). One wording per meaning.

refusal-not-yours = Ce menu appartient à quelqu'un d'autre. Lance le tien avec `/{ commands-request-name }`.
refusal-not-your-setup = Cette configuration appartient à un autre admin, donc rien n'a changé. Lance `/{ commands-setup-name }` pour ouvrir la tienne.
# The brief's wording for an expired flow.
refusal-expired = Session expirée. Recommence depuis le début.
refusal-already-handled = C'est déjà fait (un double clic ?). Utilise le message le plus récent.
refusal-already-submitted = ✅ La demande #{ $number } a déjà été envoyée. Suis-la avec `/{ commands-status-name }`.
refusal-already-submitted-on-board = ✅ La demande #{ $number } a déjà été envoyée. Elle est sur le tableau : <#{ $board }>. Suis-la avec `/{ commands-status-name }`.
# $instead is one of the refusal-instead-* texts.
refusal-stale = Ce menu n'est plus à jour, donc rien n'a changé. { $instead }
refusal-instead-flow = Utilise les boutons du message le plus récent.
refusal-instead-register = Relance `/{ commands-register-name }`.
refusal-instead-status = Relance `/{ commands-status-name }`.
refusal-instead-requests = Relance `/{ commands-requests-name }`.
refusal-instead-my-work = Rouvre Mon travail.
refusal-instead-board = Utilise les boutons du tableau.
refusal-instead-board-form = Appuie de nouveau sur le bouton.
refusal-instead-reassign = Appuie de nouveau sur Réattribuer.
refusal-instead-setup = Utilise le dernier message de configuration, ou relance `/{ commands-setup-name }`.
refusal-needs-member-role = Il te faut le rôle de membre pour faire des demandes. Demande-le à un officier.
refusal-not-member = Tu n'es plus membre de ce serveur, tu ne peux donc plus utiliser ses demandes.
refusal-other-guild = Ce bouton appartient à un autre serveur, donc rien n'a changé. Utilise le tableau ou le panneau de ce serveur, ou lance `/{ commands-requests-name }` ici.
refusal-not-in-server = Utilise ceci sur le serveur de ta guilde (ça ne marche pas en MP).
refusal-not-set-up = Ce serveur n'est pas encore configuré pour craftdesk. Un admin du serveur (quelqu'un avec la permission Gérer le serveur) doit d'abord lancer `/{ commands-setup-name }` ; réessaie ensuite.
refusal-limit-open-flows = Tu as déjà { $open } { $open ->
        [one] demande
       *[other] demandes
    } en cours (la limite est de { $max }). Termine ou annule-en une d'abord.
refusal-limit-open-requests = Tu as déjà { $open } { $open ->
        [one] demande ouverte
       *[other] demandes ouvertes
    } (la limite est de { $max }). Attends que certaines soient terminées, ou annules-en une avec `/{ commands-status-name }`.
refusal-limit-too-soon = Tu viens d'envoyer plusieurs demandes. Attends { $seconds } s et appuie de nouveau sur Confirmer.
refusal-limit-characters = Tu peux enregistrer au plus { $max } personnages. Retires-en un dans Mes personnages (/{ commands-register-name }), puis réessaie.
refusal-slow-down = Tu cliques plus vite que je ne peux suivre. Attends quelques secondes, puis réessaie.
refusal-discord-busy = Discord limite ce que je peux envoyer en ce moment. Réessaie dans quelques minutes.
refusal-dms-closed = Je ne peux pas t'envoyer de MP. Active *Autoriser les messages privés des membres du serveur* pour ce serveur (menu du serveur → Paramètres de confidentialité), puis réessaie.
refusal-spaces-full = Tous les salons de demande sont occupés pour le moment. Réessaie plus tard, ou demande à un officier d'ajouter une catégorie de débordement.
refusal-space-busy = Ton salon de demande est encore en cours de création. Réessaie dans un instant.
refusal-no-request-category = Ce serveur n'a pas encore de catégorie de demandes, je ne peux donc pas ouvrir ton salon de demande. Demande à un admin du serveur d'en choisir une avec `/{ commands-setup-name }`.
refusal-not-found = Il n'y a pas de demande #{ $number } sur ce serveur.
# The one wording of "the bot failed": nothing changed, nothing was lost.
refusal-try-again = Quelque chose s'est mal passé de mon côté. Rien n'a changé ; réessaie.
refusal-restarting = craftdesk redémarre, réessaie dans un instant.
refusal-unknown-command = Je ne connais plus cette commande. Essaie `/{ commands-request-name }`, `/{ commands-status-name }`, `/{ commands-register-name }` ou `/{ commands-requests-name }`.
refusal-unrecognised = Je ne reconnais pas ce bouton (il vient peut-être d'un ancien message). Recommence avec `/{ commands-request-name }`.
