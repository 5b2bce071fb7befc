// Review shortcuts: j/k move, a approves, r rejects, e edits, ? lists them. Ignored while typing in a field.
export function register(dotnet) {
    const keys = new Set(['j', 'k', 'a', 'r', 'e', '?', 'Escape']);
    const handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        if (event.target.closest('input, textarea, select, [contenteditable="true"]')) return;
        if (!keys.has(event.key)) return;
        event.preventDefault();
        dotnet.invokeMethodAsync('OnKey', event.key);
    };
    document.addEventListener('keydown', handler);
    return { dispose: () => document.removeEventListener('keydown', handler) };
}
