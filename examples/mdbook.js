// mdBook's theme picker, reduced to what the example needs: a class on <html>.
const buttons = document.querySelectorAll('[data-theme-class]');
for (const button of buttons) {
  button.addEventListener('click', () => {
    const root = document.documentElement;
    for (const other of buttons) {
      root.classList.remove(other.dataset.themeClass);
      other.setAttribute('aria-pressed', String(other === button));
    }
    root.classList.add(button.dataset.themeClass);
  });
}
