// The stub queue: Attune('open') works before attune.js has loaded.
window.Attune = window.Attune || function () { (Attune.q = Attune.q || []).push(arguments); };
