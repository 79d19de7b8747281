//! One module per summary view. A view is a type implementing [`View`](super::View);
//! `cli.rs` maps its command-line spelling to a value of it.

mod area;
mod dashboard;
mod findings;
mod group;
mod inspections;
mod subject;
mod template;

pub use area::Area;
pub use dashboard::Dashboard;
pub use findings::Findings;
pub use group::{Group, inspector, month};
pub use inspections::Inspections;
pub use subject::Subject;
pub use template::Template;
