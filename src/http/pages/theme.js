// The theme chosen in the console or help center (localStorage walletdesk.theme), for the server-rendered pages.
try {
  var choice = localStorage.getItem('walletdesk.theme');
  if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice;
} catch (e) {
  // storage unavailable: the system's theme applies
}
