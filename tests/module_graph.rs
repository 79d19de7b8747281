//! The library's top-level modules form no import cycle: each `crate::NAME` a module's
//! code names (outside its unit tests) is an edge, and the graph must be acyclic, so that
//! the layers stay layers (`text` at the ground floor, `commands` at the top).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

use common::root;

/// Top-level module → the top-level modules its code refers to.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    walk(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| top(&src, f)).collect();
    for file in &files {
        let module = top(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may use anything.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let edges = graph.entry(module.clone()).or_default();
        for name in referenced(code) {
            if name != module && modules.contains(&name) {
                edges.insert(name);
            }
        }
    }
    graph
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// `src/report/html.rs` → `report`; `src/scoring.rs` → `scoring`.
fn top(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The names after `crate::`, also inside `crate::{a, b::c}`.
fn referenced(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                let name = ident(part.trim());
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

/// A cycle through `from`, if there is one: the modules in order.
fn cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|n| n == node) {
        let mut cycle = path[at..].to_vec();
        cycle.push(node.to_owned());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(c) = cycle(graph, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(node.to_owned());
    None
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let graph = graph();
    assert!(graph.len() > 8, "the module graph looks empty: {graph:?}");
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(c) = cycle(&graph, node, &mut Vec::new(), &mut done) {
            panic!("import cycle between top-level modules: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_check_finds_a_cycle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    graph.insert("b".to_owned(), BTreeSet::from(["a".to_owned()]));
    let found = cycle(&graph, "a", &mut Vec::new(), &mut BTreeSet::new());
    assert_eq!(found, Some(vec!["a".into(), "b".into(), "a".into()]));
    assert_eq!(
        referenced("use crate::{answer::clean, msg};\nlet x = crate::scoring::score(t);"),
        BTreeSet::from(["answer".into(), "msg".into(), "scoring".into()])
    );
}
