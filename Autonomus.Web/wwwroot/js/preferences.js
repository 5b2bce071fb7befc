// The profile menu's language and theme forms return to the page they were sent from, as it is now: an interactive
// page may have changed its address since the layout was rendered (the suggestion open in the queue, say).
document.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-return-here')) return;
    const field = form.elements.namedItem('returnUrl');
    if (field) field.value = location.pathname + location.search;
}, true);
