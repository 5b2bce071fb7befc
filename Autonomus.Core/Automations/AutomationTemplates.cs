namespace Autonomus.Core.Automations;

/// <summary>A common flow to start from: a document in the organisation's language, saved as a new draft.</summary>
public sealed record AutomationTemplate(string Key, string Document);

/// <summary>The builder's starting points: a new web lead welcomed; a deal in Negotiation gets a pricing review; an account gone quiet gets its manager's attention.</summary>
public static class AutomationTemplates
{
    public static IReadOnlyList<AutomationTemplate> For(string culture) => culture.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;

    private static readonly IReadOnlyList<AutomationTemplate> Spanish =
    [
        new("web_lead", """
            {
              "name": "Bienvenida a leads web",
              "description": "Un lead nuevo que llega desde el sitio web recibe una llamada de bienvenida y su gerente se entera.",
              "trigger": { "kind": "RecordCreated", "recordType": "Lead" },
              "conditions": [ "[record.source] == 'Website'" ],
              "steps": [
                { "id": "bienvenida", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Lead", "recordId": "{{record.id}}", "type": "Call", "subject": "Llamada de bienvenida a {{record.first_name}} {{record.last_name}}" } },
                { "id": "aviso", "kind": "Notify", "role": "SalesManager", "message": "Nuevo lead web: {{record.first_name}} {{record.last_name}} ({{record.company}})" }
              ]
            }
            """),
        new("pricing_review", """
            {
              "name": "Revisión de precios en Negociación",
              "description": "Cuando un negocio pasa a Negociación, una tarea de revisión de precios para su dueño.",
              "trigger": { "kind": "StageChanged", "recordType": "Deal", "to": "Negotiation" },
              "conditions": [ "[record.amount] >= 1000000" ],
              "steps": [
                { "id": "revision", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Deal", "recordId": "{{record.id}}", "type": "Task", "subject": "Revisar precios de {{record.name}}" } }
              ]
            }
            """),
        new("quiet_account", """
            {
              "name": "Cuenta sin actividad",
              "description": "Una cuenta sin actividad por 30 días: una tarea para su dueño y un aviso a los gerentes.",
              "trigger": { "kind": "Inactivity", "recordType": "Account", "days": 30 },
              "steps": [
                { "id": "tarea", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Account", "recordId": "{{record.id}}", "type": "Task", "subject": "Retomar contacto con {{record.name}}" } },
                { "id": "aviso", "kind": "Notify", "role": "SalesManager", "message": "{{record.name}} lleva 30 días sin actividad." }
              ]
            }
            """),
    ];

    private static readonly IReadOnlyList<AutomationTemplate> English =
    [
        new("web_lead", """
            {
              "name": "Welcome web leads",
              "description": "A new lead from the website gets a welcome call, and the sales managers hear of it.",
              "trigger": { "kind": "RecordCreated", "recordType": "Lead" },
              "conditions": [ "[record.source] == 'Website'" ],
              "steps": [
                { "id": "welcome", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Lead", "recordId": "{{record.id}}", "type": "Call", "subject": "Welcome call to {{record.first_name}} {{record.last_name}}" } },
                { "id": "tell", "kind": "Notify", "role": "SalesManager", "message": "New web lead: {{record.first_name}} {{record.last_name}} ({{record.company}})" }
              ]
            }
            """),
        new("pricing_review", """
            {
              "name": "Pricing review in Negotiation",
              "description": "When a deal moves to Negotiation, a pricing review task for its owner.",
              "trigger": { "kind": "StageChanged", "recordType": "Deal", "to": "Negotiation" },
              "conditions": [ "[record.amount] >= 10000" ],
              "steps": [
                { "id": "review", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Deal", "recordId": "{{record.id}}", "type": "Task", "subject": "Review pricing of {{record.name}}" } }
              ]
            }
            """),
        new("quiet_account", """
            {
              "name": "Quiet account",
              "description": "An account without activity for 30 days: a task for its owner and a word to the managers.",
              "trigger": { "kind": "Inactivity", "recordType": "Account", "days": 30 },
              "steps": [
                { "id": "task", "kind": "Tool", "tool": "create_activity",
                  "payload": { "recordType": "Account", "recordId": "{{record.id}}", "type": "Task", "subject": "Get back in touch with {{record.name}}" } },
                { "id": "tell", "kind": "Notify", "role": "SalesManager", "message": "{{record.name}} has been quiet for 30 days." }
              ]
            }
            """),
    ];
}
